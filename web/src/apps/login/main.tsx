import { mount } from '../../shared/AppShell';
import { LoginApp } from './LoginApp';

mount(<LoginApp />);
