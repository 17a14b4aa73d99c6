import { mount } from '../../shared/AppShell';
import { KioskApp } from './KioskApp';

mount(<KioskApp />);
