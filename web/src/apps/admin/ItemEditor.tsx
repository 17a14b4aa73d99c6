/**
 * The item editor (/admin/items/CODE and /admin/items/new): versions, the ItemContent form of the
 * draft (or of the latest version when there is no draft), save draft, publish, retire.
 * The data and the actions live in item-editor/use-item-editor.ts; the form's sections beside it.
 */
import { Card, Form, Result, Skeleton, Space } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useAdminT } from './admin-t';
import { Link } from '../../shared/router';
import { CatalogFilesPanel } from './CatalogFilesPanel';
import { EMPTY_ITEM, type ItemFormValues } from './item-form';
import { useDepartmentOptions } from './item-editor/department-options';
import { useItemEditor } from './item-editor/use-item-editor';
import { EditorHeader } from './item-editor/EditorHeader';
import { EditorNotices } from './item-editor/EditorNotices';
import { VersionsCard } from './item-editor/VersionsCard';
import { BasicSection } from './item-editor/BasicSection';
import { ProcedureSection } from './item-editor/ProcedureSection';
import { LimitsSection } from './item-editor/LimitsSection';
import { ResultSection } from './item-editor/ResultSection';
import { MaterialsSection } from './item-editor/MaterialsSection';
import { StagesSection } from './item-editor/StagesSection';

export function ItemEditor({ code }: { code: string | null }) {
  const t = useAdminT();
  const [form] = Form.useForm<ItemFormValues>();
  // Called in this order so the requests go out as before the split: departments, item, settings.
  const departments = useDepartmentOptions();
  const kind = Form.useWatch('kind', form);
  const itemName = Form.useWatch('name', form);
  const editor = useItemEditor(code, form);
  const { isNew, item, base, loadError, retired } = editor;

  if (loadError) {
    return (
      <Card>
        <Result
          status={loadError.status === 404 ? '404' : 'error'}
          title={loadError.status === 404 ? t('common.notFound') : t('common.error')}
          subTitle={loadError.text}
          extra={<Link href="/admin/items">{t('editor.backToList')}</Link>}
        />
      </Card>
    );
  }
  if (!isNew && !item) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 14 }} />
      </Card>
    );
  }

  return (
    // A plain column (not Space, which wraps children) so the sticky action bar sticks for the whole page.
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link href="/admin/items" data-testid="back-to-items">
        <ArrowLeftOutlined /> {t('editor.backToList')}
      </Link>
      <EditorHeader editor={editor} itemName={itemName} code={code} departments={departments} />
      <EditorNotices editor={editor} />
      {item && item.versions.length > 0 && <VersionsCard versions={item.versions} />}
      {item && base && <CatalogFilesPanel code={item.code} materials={base.materials} />}

      <Form<ItemFormValues>
        form={form}
        name="item"
        layout="vertical"
        initialValues={EMPTY_ITEM}
        disabled={retired}
        scrollToFirstError
        onValuesChange={(changed: Partial<ItemFormValues>) => {
          editor.markDirty();
          if (changed.kind === 'immediate') form.setFieldsValue({ statutoryDays: 0, promisedDays: 0 });
        }}
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <BasicSection isNew={isNew} departments={departments} />
          <ProcedureSection />
          <LimitsSection kind={kind} ratioMax={editor.ratioMax} />
          <ResultSection />
          <MaterialsSection />
          {kind === 'joint' && <StagesSection departments={departments} />}
        </Space>
      </Form>
    </div>
  );
}
