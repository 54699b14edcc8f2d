import { errorMessages } from '@huzhu/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { uniqueViolationCode } from '../db/unique-violation.ts';
import { AppError, httpStatusOf } from '../errors.ts';

/** One error handler: `{ code, message, details }` with a Chinese message; a 5xx never carries internals. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      const status = httpStatusOf(error.code);
      return reply.status(status).send({ code: error.code, message: error.message, details: error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        where: error.validationContext,
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message,
      }));
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: errorMessages.VALIDATION_FAILED, details });
    }
    if (isResponseSerializationError(error)) {
      req.log.error({ err: error, issues: error.cause?.issues }, 'response did not match its schema');
      return reply.status(500).send({ code: 'INTERNAL', message: errorMessages.INTERNAL });
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT') {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: errorMessages.PAYLOAD_TOO_LARGE });
    }
    if (status === 429) return reply.status(429).send({ code: 'RATE_LIMITED', message: errorMessages.RATE_LIMITED });
    if (status === 415) {
      return reply
        .status(415)
        .send({ code: 'VALIDATION_FAILED', message: '不支持的请求内容类型', details: { where: 'content-type' } });
    }
    if (status >= 400 && status < 500) {
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: errorMessages.VALIDATION_FAILED,
        details: { where: 'body', reason: error.code },
      });
    }
    // PostgreSQL's statement_timeout on the read pool (db/dialect.ts): the query ran past its budget.
    if ((error as { code?: unknown }).code === '57014')
      return reply.status(503).send({ code: 'QUERY_TIMEOUT', message: errorMessages.QUERY_TIMEOUT });
    const conflict = uniqueViolationCode(error);
    if (conflict) return reply.status(409).send({ code: conflict, message: errorMessages[conflict] });
    req.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: errorMessages.INTERNAL });
  });
}
