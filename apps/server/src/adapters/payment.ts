import { createWechatPay } from './payment-wechat.ts';
import type { PaymentSettings } from './payment-settings.ts';
import type { PaymentProvider } from './payment-types.ts';

export function createDemoCashier(): PaymentProvider {
  return {
    name: 'demo',
    /** The demo cashier is the order page of the app itself (its button calls demo-pay). */
    async createOrder({ returnUrl }) {
      return { cashierUrl: returnUrl };
    },
    async query() {
      return null;
    },
    async close() {},
    /** The demo cashier gives the money back at once. */
    async refund({ outRefundNo }) {
      return { status: 'SUCCESS', refundId: `DEMO${outRefundNo}`.slice(0, 64), successTime: new Date().toISOString() };
    },
  };
}

/** The provider HUZHU_PAYMENT_PROVIDER names (config.ts has already checked its settings). */
export function createPaymentProvider(settings: PaymentSettings): PaymentProvider {
  return settings.provider === 'wechat' ? createWechatPay(settings) : createDemoCashier();
}
