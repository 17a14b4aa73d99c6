import { mount } from '../../shared/AppShell';
import { ScreenApp } from './ScreenApp';

mount(<ScreenApp />);
