import { mount } from '../../shared/AppShell';
import { StationApp } from './StationApp';
import { registerStationWorker } from './install';

mount(<StationApp />);
registerStationWorker();
