/** The applicant's uploads (the files of an online application). */
import { Type, type Static } from 'typebox';

export const Upload = Type.Object({
  id: Type.String({ description: 'Use it in an application\'s materials[].uploadIds' }),
  name: Type.String({ description: 'The original name, cleaned (metadata only)' }),
  mediaType: Type.String({ description: 'Detected from the content: application/pdf, image/jpeg or image/png' }),
  size: Type.Integer(),
  materialCode: Type.Union([Type.String(), Type.Null()]),
  uploadedAt: Type.String(),
  url: Type.String({ description: 'Download (GET /api/files/{id})' }),
});
export type Upload = Static<typeof Upload>;
