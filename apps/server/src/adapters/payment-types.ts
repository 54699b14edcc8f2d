/** A provider's word on one order (query result or decrypted notification), in our terms. */
export interface PaidTransaction {
  outTradeNo: string;
  transactionId: string | null;
  /** `paid` (SUCCESS), `unpaid` (NOTPAY, USERPAYING), `closed` (CLOSED, REVOKED, PAYERROR), `refunded` (REFUND). */
  state: 'paid' | 'unpaid' | 'closed' | 'refunded';
  amountFen: number | null;
  paidAt: string | null;
  mchid?: string;
  appid?: string;
}

export interface RefundAnswer {
  status: string;
  refundId: string | null;
  successTime: string | null;
}

/** A decrypted refund notification, in our terms. */
export interface RefundNotice extends RefundAnswer {
  noticeId: string;
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number | null;
  totalFen: number | null;
}

export interface OrderInput {
  outTradeNo: string;
  description: string;
  amountFen: number;
  expiresAt: Date;
  /** Inside WeChat: a JSAPI order for this payer; otherwise an H5 order. */
  openid?: string;
  clientIp: string;
  /** Where the browser comes back to after an H5 payment. */
  returnUrl: string;
}

export interface CashierAnswer {
  cashierUrl?: string;
  h5Url?: string;
  jsapi?: { appId: string; timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };
}

/**
 * How a gig worker pays (product.md §4 adapters): the demo cashier (a page of our own whose button is
 * `POST /m/payments/:id/demo-pay`) by default, WeChat Pay API v3 as the real provider. Whatever the provider, the
 * server learns of a payment only from the provider (callback or query), never from the browser.
 */
export interface PaymentProvider {
  readonly name: 'demo' | 'wechat';
  createOrder(order: OrderInput): Promise<CashierAnswer>;
  /** null: the provider keeps no state of its own (demo). */
  query(outTradeNo: string): Promise<PaidTransaction | null>;
  close(outTradeNo: string): Promise<void>;
  /**
   * Gives an order's money back (one refund per `outRefundNo`: asking again answers the same refund). `status`:
   * SUCCESS, PROCESSING (the result comes by notification or query), CLOSED, ABNORMAL.
   */
  refund(r: {
    outTradeNo: string;
    outRefundNo: string;
    refundFen: number;
    totalFen: number;
    reason: string;
  }): Promise<RefundAnswer>;
  /** The provider's word on a refund (null: the provider keeps no state of its own, demo). */
  queryRefund?(outRefundNo: string): Promise<RefundAnswer | null>;
  /** Verifies and decrypts a refund notification (REFUND.SUCCESS / CLOSED / ABNORMAL). */
  verifyRefundNotification?(headers: Record<string, string | string[] | undefined>, rawBody: string): RefundNotice;
  /** Verifies and decrypts a notification; throws PAYMENT_SIGNATURE_INVALID (or VALIDATION_FAILED) otherwise. */
  verifyNotification?(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): PaidTransaction & {
    noticeId: string;
  };
}
