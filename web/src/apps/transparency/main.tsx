import { mount } from '../../shared/AppShell';
import { TransparencyApp } from './TransparencyApp';

mount(<TransparencyApp />);
