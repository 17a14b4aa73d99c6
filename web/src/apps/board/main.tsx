import { mount } from '../../shared/AppShell';
import { BoardApp } from './BoardApp';

mount(<BoardApp />);
