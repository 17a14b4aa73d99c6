import { mount } from '../../shared/AppShell';
import { OfficeApp } from './OfficeApp';

mount(<OfficeApp />);
