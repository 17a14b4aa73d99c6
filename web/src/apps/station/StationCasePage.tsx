/** A proxy case, read-only: its clock and every step. The county's departments act on it, not the station. */
import { Alert, Card, Descriptions, Result, Spin } from 'antd';
import { Link } from '../../shared/router';
import { errorMessage } from '../../shared/errors';
import { zonedDateTime } from '../../shared/time-zone';
import { CaseClock, CaseStatusTag, CaseTimeline, useCase } from '../../shared/case';
import { maskIdNumber, maskPhone } from '@domain/identity';
import { useStationT } from './station-t';

export function StationCasePage({ caseNo, online }: { caseNo: string; online: boolean }) {
  const t = useStationT();
  const { data: c, loading, notFound, error } = useCase(caseNo);
  const back = <Link href="/station/cases">{t('case.back')}</Link>;
  if (!online && !c) return <Result status="warning" title={t('case.offline')} extra={back} />;
  if (notFound) return <Result status="404" title={t('case.notFound')} extra={back} />;
  if (error && !c) return <Result status="error" title={errorMessage(error, t)} extra={back} />;
  if (loading && !c) return <Spin />;
  if (!c) return null;
  return (
    <div className="station-page" data-testid="station-case">
      {back}
      <Card size="small" title={<span className="station-caseno" data-testid="case-no">{c.caseNo}</span>} extra={<CaseStatusTag status={c.status} />}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('nav.intake')}>{c.item.name}</Descriptions.Item>
          <Descriptions.Item label={t('form.name')}>{c.applicant.name}</Descriptions.Item>
          {c.applicant.idNumber && <Descriptions.Item label={t('form.idNumber')}>{maskIdNumber(c.applicant.idNumber)}</Descriptions.Item>}
          <Descriptions.Item label={t('form.phone')}>{maskPhone(c.applicant.phone)}</Descriptions.Item>
          <Descriptions.Item label={t('receipt.title')}>{zonedDateTime(c.receivedAt)}</Descriptions.Item>
        </Descriptions>
        <Alert type="info" showIcon title={t('case.readOnly')} />
      </Card>
      <Card size="small"><CaseClock clock={c.clock} /></Card>
      <Card size="small"><CaseTimeline caseNo={c.caseNo} version={c.version} materials={c.materials} /></Card>
    </div>
  );
}
