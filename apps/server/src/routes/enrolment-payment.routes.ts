import {
  EnrolmentPayment,
  EnrolmentPaymentBody,
  EnrolmentPaymentListQuery,
  EnrolmentPaymentPage,
  IdParam,
  ResolvePaymentBody,
} from '@huzhu/core';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../context.ts';
import { actorOf, typed } from './route-kit.ts';

/** Bank transfers for one or more approved batches of a unit; short or excess ones are held to reconcile. */
export function enrolmentPaymentRoutes(
  app: FastifyInstance,
  { enrolmentPayments }: Pick<Services, 'enrolmentPayments'>,
) {
  const r = typed(app);
  r.post(
    '/enrolment-payments',
    {
      config: { auth: 'batch.pay' },
      schema: {
        tags: ['enrolment'],
        description:
          'One bank transfer of a unit for 1–50 of its approved batches. The exact total makes every batch effective ' +
          '(status `applied`); a short or excess amount is stored `held` with `holdReason` and `differenceFen`, and ' +
          'nothing becomes effective. The same bank reference with the same transfer answers the first payment; with ' +
          'a different one, 409 BANK_REFERENCE_CONFLICT.',
        body: EnrolmentPaymentBody,
        response: { 201: EnrolmentPayment },
      },
    },
    async (req, reply) => reply.status(201).send(await enrolmentPayments.record(actorOf(req), req.body)),
  );
  r.get(
    '/enrolment-payments',
    {
      config: { auth: 'batch.pay' },
      schema: {
        tags: ['enrolment'],
        description: 'Newest first; `totalAmountFen` and `totalDifferenceFen` sum every payment the filter matches.',
        querystring: EnrolmentPaymentListQuery,
        response: { 200: EnrolmentPaymentPage },
      },
    },
    (req) => enrolmentPayments.list(actorOf(req), req.query),
  );
  r.get(
    '/enrolment-payments/:id',
    {
      config: { auth: 'batch.pay' },
      schema: { tags: ['enrolment'], params: IdParam, response: { 200: EnrolmentPayment } },
    },
    (req) => enrolmentPayments.get(actorOf(req), req.params.id),
  );
  r.post(
    '/enrolment-payments/:id/resolve',
    {
      config: { auth: 'batch.pay' },
      schema: {
        tags: ['enrolment'],
        description:
          'A held payment, by another clerk than the one who recorded it (422 OWN_PAYMENT_HOLD): `apply` makes its ' +
          'batches effective although the amount differs (an excess only with a note that says why: ' +
          'EXCESS_NOTE_REQUIRED), `return` gives the money back to the unit. Not held → 409 PAYMENT_NOT_HELD.',
        params: IdParam,
        body: ResolvePaymentBody,
        response: { 200: EnrolmentPayment },
      },
    },
    (req) => enrolmentPayments.resolve(actorOf(req), req.params.id, req.body),
  );
}
