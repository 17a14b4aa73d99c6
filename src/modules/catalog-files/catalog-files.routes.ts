import { Type } from 'typebox';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../http/context.js';
import { errors, Ok, StringEnum, type Api } from '../../http/schemas.js';
import { requireRole } from '../../http/auth.js';
import { getUser } from '../../http/auth.js';
import { AppError } from '../../domain/errors.js';
import { actorOf } from '../departments/departments.routes.js';
import { CenterQuery, ItemCode } from '#contract/catalog.js';
import { CATALOG_FILE_PURPOSES, CatalogFile, CatalogFileList } from '#contract/catalog-files.js';
import { contentDisposition } from '../uploads/file-signature.js';
import { openStored } from '../uploads/upload-store.js';
import { megabytes } from '../uploads/uploads.service.js';
import { ACCEPTED_FORM_KINDS, FORM_MEDIA_TYPES, formDownloadName } from './form-signature.js';
import {
  deleteCatalogFile, fileForPublic, listForAdmin, listForPublic, storeCatalogFile, type CatalogFileDeps,
} from './catalog-files.service.js';

const CodeParams = Type.Object({ code: ItemCode }, { additionalProperties: false });

export function catalogFileRoutes(api: Api, ctx: AppContext): void {
  const deps: CatalogFileDeps = { db: ctx.db, uploadDir: ctx.config.uploadDir, maxBytes: ctx.config.uploadMaxBytes };

  // The multipart parser only in here: every other route keeps refusing multipart bodies (415).
  api.register(async (scoped: Api) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: deps.maxBytes, files: 1, fields: 4, fieldSize: 200, fieldNameSize: 50, parts: 6, headerPairs: 50 },
    });

    scoped.post('/admin/items/:code/files', {
      preHandler: requireRole('admin'),
      // The body is a stream read by the handler; the schema below documents it.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['admin'],
        summary: `Upload the blank form or sample of one material (multipart/form-data: fields "purpose" (blank|sample) and "materialCode", then "file"). ${ACCEPTED_FORM_KINDS} only, recognised by content (415 otherwise); at most ${megabytes(deps.maxBytes)} (413 above). Replaces the material's earlier file of that purpose.`,
        consumes: ['multipart/form-data'],
        params: CodeParams,
        body: Type.Object({
          purpose: StringEnum(CATALOG_FILE_PURPOSES),
          materialCode: Type.String({ maxLength: 20 }),
          file: Type.String({ format: 'binary' }),
        }),
        response: { 201: CatalogFile, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    }, async (request: FastifyRequest<{ Params: { code: string } }>, reply) => {
      const { code } = request.params;
      if (!ItemCodePattern.test(code)) throw new AppError('VALIDATION_FAILED', 'Invalid item code', [{ field: 'code', message: 'letters, digits, - and _' }]);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
      return reply.status(201).send(await storeCatalogFile(deps, actorOf(request, ctx), code, request.parts()));
    });
  });

  api.get('/admin/items/:code/files', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'The blank forms and samples of an item\'s materials',
      params: CodeParams,
      response: { 200: CatalogFileList, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => ({ files: await listForAdmin(ctx.db, getUser(request).centerId, request.params.code) }));

  api.delete('/admin/catalog-files/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Remove a blank form or sample',
      params: Type.Object({ id: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
      response: { 200: Ok, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => deleteCatalogFile(deps, actorOf(request, ctx), request.params.id));

  api.get('/public/items/:code/files', {
    schema: {
      tags: ['catalog'],
      summary: 'The blank forms and samples of a published item, by material',
      params: CodeParams,
      querystring: CenterQuery,
      response: { 200: CatalogFileList, ...errors(400, 404) },
    },
  }, async (request) => ({ files: await listForPublic(ctx.db, request.params.code, request.query.center) }));

  api.get('/public/catalog-files/:id', {
    schema: {
      tags: ['catalog'],
      summary: 'Download a blank form or sample (attachment, nosniff)',
      params: Type.Object({ id: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
      produces: FORM_MEDIA_TYPES,
      // A stream is sent as it is, never serialised; the schema only documents it.
      response: { 200: Type.Unsafe<Readable>({ type: 'string', format: 'binary', description: 'The file' }), ...errors(400, 404) },
    },
  }, async (request, reply) => {
    const { row, kind } = await fileForPublic(ctx.db, request.params.id);
    const handle = await openStored(deps.uploadDir, row.storageName);
    if (!handle) {
      request.log.error({ catalogFile: row.id }, 'catalog file missing from the upload folder');
      throw new AppError('NOT_FOUND', 'File not found');
    }
    return reply
      .header('content-type', kind.mediaType)
      .header('content-length', String(row.size))
      .header('content-disposition', contentDisposition(formDownloadName(row.originalName, kind)))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'public, max-age=300')
      .send(handle.createReadStream());
  });
}

const ItemCodePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/;
