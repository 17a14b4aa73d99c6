import { mount } from '../../shared/AppShell';
import { AdminApp } from './AdminApp';

mount(<AdminApp />);
