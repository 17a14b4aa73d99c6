import { Type } from 'typebox';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { AppError } from '../../domain/errors.js';
import { getApplicant, loadApplicant, requireApplicant } from '../applicants/applicant-auth.js';
import { ACCEPTED_KINDS, contentDisposition, downloadName } from './file-signature.js';
import { openStored } from './upload-store.js';
import { Upload } from '#contract/uploads.js';
import { fileForDownload, megabytes, storeUpload, UPLOADS_PER_DAY, type UploadDeps } from './uploads.service.js';

const INLINE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export function uploadRoutes(api: Api, ctx: AppContext): void {
  const deps: UploadDeps = { db: ctx.db, clock: ctx.clock, uploadDir: ctx.config.uploadDir, maxBytes: ctx.config.uploadMaxBytes };

  // The multipart parser only in here: every other route keeps refusing multipart bodies (415).
  api.register(async (scoped: Api) => {
    await scoped.register(multipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: deps.maxBytes, files: 1, fields: 4, fieldSize: 200, fieldNameSize: 50, parts: 6, headerPairs: 50 },
    });

    scoped.post('/applicant/uploads', {
      preHandler: requireApplicant(ctx),
      // The body is a stream read by the handler; the schema below documents it.
      validatorCompiler: () => () => true,
      schema: {
        tags: ['applicant'],
        summary: `Upload one material file (multipart/form-data: field "file", optional field "materialCode" before it). ${ACCEPTED_KINDS} only, recognised by content (415 otherwise); at most ${megabytes(deps.maxBytes)} (413 above); ${UPLOADS_PER_DAY} files per applicant in 24 hours (429).`,
        consumes: ['multipart/form-data'],
        body: Type.Object({
          materialCode: Type.Optional(Type.String({ maxLength: 20, description: 'The material it is for (a hint for reuse)' })),
          file: Type.String({ format: 'binary' }),
        }),
        response: { 201: Upload, ...errors(400, 401, 403, 413, 415, 429) },
      },
    }, async (request: FastifyRequest, reply) => {
      const applicant = getApplicant(request);
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
      try {
        return reply.status(201).send(await storeUpload(deps, applicant.id, request.parts()));
      } catch (err) {
        if (err instanceof AppError && err.code === 'THROTTLED') reply.header('retry-after', String(err.extra?.retryAfter ?? 3600));
        throw err;
      }
    });
  });

  api.get('/files/:id', {
    schema: {
      tags: ['applicant'],
      summary: 'Download an uploaded file (attachment, nosniff), or with inline=1 show it in the browser (a preview frame of the same site; no script runs): for the applicant who uploaded it and staff who can reach a case it belongs to (each read by staff goes to the case\'s access log); 404 for anyone else',
      params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
      querystring: Type.Object({ inline: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')], { description: '1: content-disposition inline, for a preview' })) }, { additionalProperties: false }),
      produces: ['application/pdf', 'image/jpeg', 'image/png'],
      // A stream is sent as it is, never serialised; the schema only documents it.
      response: { 200: Type.Unsafe<Readable>({ type: 'string', format: 'binary', description: 'The file' }), ...errors(404) },
    },
  }, async (request, reply) => {
    const applicant = await loadApplicant(ctx, request);
    const inline = request.query.inline === '1';
    const { row, kind } = await fileForDownload(deps, request.params.id, { applicantId: applicant?.id, user: request.user, address: request.ip, inline });
    const handle = await openStored(deps.uploadDir, row.storageName);
    if (!handle) {
      request.log.error({ upload: row.id }, 'uploaded file missing from the upload folder');
      throw new AppError('NOT_FOUND', 'File not found');
    }
    return reply
      .header('content-type', kind.mediaType)
      .header('content-length', String(row.size))
      .header('content-disposition', contentDisposition(downloadName(row.originalName, kind), inline ? 'inline' : 'attachment'))
      .header('x-content-type-options', 'nosniff')
      // A sandboxed document gets no PDF viewer, so the preview drops `sandbox`; with no script-src
      // nothing in the file can run, and only a page of this site may frame it.
      .header('content-security-policy', inline ? INLINE_CSP : "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(handle.createReadStream());
  });
}
