import type { Product } from '../api/product.api.ts';
import type { Translate } from '../i18n/i18n.tsx';

/** Short texts for a product's parameters, shared by the product table and its detail drawer. */
export function termText(p: Pick<Product, 'term'>, t: Translate): string {
  return t(p.term.unit === 'months' ? 'products.months' : 'products.days', { n: p.term.length });
}

export function sharesText(p: Pick<Product, 'minShares' | 'maxShares'>, t: Translate): string {
  return p.minShares === p.maxShares
    ? t('products.sharesFixed', { n: p.minShares })
    : t('products.shareRange', { min: p.minShares, max: p.maxShares });
}

export function agesText(p: Pick<Product, 'minAge' | 'maxAge'>, t: Translate): string {
  return t('products.ageRange', { min: p.minAge, max: p.maxAge });
}

/** A staged table (FEM) is the waiting rule itself, with the flat waiting days at zero. */
export function hasStagedWaiting(p: Pick<Product, 'waitingDays' | 'benefits'>): boolean {
  return p.waitingDays.illness === 0 && p.benefits.some((b) => b.kind === 'lump_sum' && (b.stages?.length ?? 0) > 0);
}

export function waitingText(p: Pick<Product, 'waitingDays' | 'benefits'>, t: Translate): string {
  const { illness, accident } = p.waitingDays;
  if (hasStagedWaiting(p)) return t('products.waitingStaged');
  if (illness === 0 && accident === 0) return t('products.noWaiting');
  if (illness === accident) return t('products.waitingSame', { n: illness });
  return t('products.waitingBoth', { illness, accident });
}
