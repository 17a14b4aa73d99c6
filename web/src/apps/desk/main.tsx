import { mount } from '../../shared/AppShell';
import { DeskApp } from './DeskApp';

mount(<DeskApp />);
