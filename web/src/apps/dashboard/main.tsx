import { mount } from '../../shared/AppShell';
import { DashboardApp } from './DashboardApp';

mount(<DashboardApp />);
