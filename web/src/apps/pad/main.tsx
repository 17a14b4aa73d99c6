import { mount } from '../../shared/AppShell';
import { PadApp } from './PadApp';

mount(<PadApp />);
