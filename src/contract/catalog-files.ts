/** The blank forms (空白表格) and samples (示例样表) attached to an item's materials. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';

export const CATALOG_FILE_PURPOSES = ['blank', 'sample'] as const;
export type CatalogFilePurpose = (typeof CATALOG_FILE_PURPOSES)[number];

export const CatalogFile = Type.Object({
  id: Type.String(),
  materialCode: Type.String(),
  purpose: StringEnum(CATALOG_FILE_PURPOSES, { description: 'blank: 空白表格; sample: 示例样表' }),
  name: Type.String({ description: 'The original name, cleaned (metadata only)' }),
  mediaType: Type.String({ description: 'Detected from the content' }),
  size: Type.Integer(),
  uploadedAt: Type.String(),
  url: Type.String({ description: 'Public download (GET /api/public/catalog-files/{id})' }),
});
export type CatalogFile = Static<typeof CatalogFile>;

export const CatalogFileList = Type.Object({ files: Type.Array(CatalogFile) });
export type CatalogFileList = Static<typeof CatalogFileList>;
