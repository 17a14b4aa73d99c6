import { mount } from '../../shared/AppShell';
import { WindowApp } from './WindowApp';

mount(<WindowApp />);
