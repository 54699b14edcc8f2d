import type { BulkRow } from '@huzhu/server';
import type { AgencySpec, OfficeSpec } from './agencies.data.ts';
import { CreditCodeFactory } from './identifiers.ts';
import { mobile, personName } from './person-names.data.ts';
import { apportion, type Rng, WeightedPicker } from './prng.ts';
import { profiles } from './unit-profiles.data.ts';
import { type GigKind, type NameContext, templates, type UnitTemplate } from './unit-templates.data.ts';

export interface SeededAgency {
  id: string;
  spec: AgencySpec;
}

/** A unit as the member generator needs it: who works there, and how many of them are members. */
export interface PlannedUnit {
  row: BulkRow<'unit'>;
  agency: SeededAgency;
  members: number;
  femaleShare: number;
  gigKind: GigKind | undefined;
}

export interface UnitPlanInput {
  officeId: string;
  office: OfficeSpec;
  agencies: readonly SeededAgency[];
  units: number;
  /** Members who have a unit (the rest are individual gig workers). */
  membersInUnits: number;
  /** Share of those members who work for platform units (riders, couriers…). */
  platformShare: number;
  /** The agency whose first unit must have members (the demo unit agent's unit). */
  anchorAgencyCode?: string;
  now: string;
  newId(): string;
}

// Registry-only units: known from the union registry, no member recorded yet (the expansion targets).
const REGISTRY_ONLY_SHARE = 0.12;
const WRONG_CHECKSUM_SHARE = 0.003;
// Pareto tail of unit sizes: many small employers, a few very large ones; the cap keeps one unit from
// swallowing a small office.
const PARETO_ALPHA = 1.5;
const SIZE_CAP = 60;

function nameContext(office: OfficeSpec, spec: AgencySpec): NameContext {
  const cityWide = spec.kind !== 'district';
  const fullPlace = cityWide || office.code !== 'CQ' ? spec.place : `重庆市${spec.place}`;
  return { fullPlace, local: cityWide ? '' : spec.place, city: office.city };
}

export function planUnits(rng: Rng, input: UnitPlanInput): PlannedUnit[] {
  const { agencies, office } = input;
  const pickAgency = new WeightedPicker(agencies, (a) => a.spec.weight);
  const pickers = new Map<string, WeightedPicker<readonly [UnitTemplate, number]>>();
  const codes = new CreditCodeFactory();
  const names = new Set<string>();
  const draft: { agency: SeededAgency; template: UnitTemplate; weight: number; registryOnly: boolean }[] = [];

  for (let i = 0; i < input.units; i++) {
    // Every agency gets a unit first, so even the smallest scale shows all of them.
    const agency = i < agencies.length ? agencies[i]! : pickAgency.pick(rng);
    let picker = pickers.get(agency.spec.profile);
    if (!picker) {
      picker = new WeightedPicker(profiles[agency.spec.profile], ([, w]) => w);
      pickers.set(agency.spec.profile, picker);
    }
    const anchor = i < agencies.length && agency.spec.code === input.anchorAgencyCode;
    const template = anchor ? templates.mfg : picker.pick(rng)[0];
    const weight = Math.min(SIZE_CAP, (1 - rng.next()) ** (-1 / PARETO_ALPHA)) * template.size;
    const registryOnly = !anchor && template.category !== 'platform' && rng.chance(REGISTRY_ONLY_SHARE);
    draft.push({ agency, template, weight, registryOnly });
  }
  // Gig workers need platform units to belong to: make sure an office of some size has one.
  if (input.units >= 10 && !draft.some((d) => d.template.category === 'platform')) {
    const last = draft[draft.length - 1]!;
    last.template = templates.riderStation;
    last.registryOnly = false;
  }

  const isPlatform = (d: (typeof draft)[number]) => d.template.category === 'platform';
  const hasPlatform = draft.some(isPlatform);
  const platformMembers = hasPlatform ? Math.round(input.membersInUnits * input.platformShare) : 0;
  const platformParts = apportion(
    platformMembers,
    draft.map((d) => (isPlatform(d) ? d.weight : 0)),
  );
  const otherParts = apportion(
    input.membersInUnits - platformMembers,
    draft.map((d) => (isPlatform(d) || d.registryOnly ? 0 : d.weight)),
  );
  const meanMembers = input.membersInUnits / Math.max(1, input.units);

  return draft.map((d, i) => {
    const members = platformParts[i]! + otherParts[i]!;
    const ctx = nameContext(office, d.agency.spec);
    const coverage = 0.55 + 0.45 * rng.next();
    const headcount =
      members > 0 ? Math.max(members, Math.round(members / coverage)) : Math.max(3, Math.round(d.weight * meanMembers));
    const femaleShare = Math.min(0.98, Math.max(0.01, d.template.femaleShare + (rng.next() - 0.5) * 0.2));
    const region = d.agency.spec.regionCode ?? d.agency.spec.homeRegions[0] ?? office.regionCode;
    // At least one wrong check character in every office, so the checksum warning is always on show.
    const wrong = i === Math.min(7, input.units - 1) || rng.chance(WRONG_CHECKSUM_SHARE);
    const contactFemale = rng.chance(0.6);
    return {
      agency: d.agency,
      members,
      femaleShare,
      gigKind: d.template.gigKind,
      row: {
        id: input.newId(),
        office_id: input.officeId,
        agency_id: d.agency.id,
        name: uniqueName(rng, d.template, ctx, names),
        credit_code: codes.make(rng, d.template.creditPrefix, region, wrong),
        credit_code_valid: wrong ? 0 : 1,
        category: d.template.category,
        industry: d.template.industry,
        headcount,
        female_headcount: Math.round(headcount * femaleShare),
        contact_name: personName(rng, contactFemale ? 'female' : 'male'),
        contact_phone: mobile(rng),
        bank_name: null,
        bank_account_enc: null,
        covered_until: null,
        created_at: input.now,
        updated_at: input.now,
      },
    };
  });
}

function uniqueName(rng: Rng, template: UnitTemplate, ctx: NameContext, taken: Set<string>): string {
  let name = template.name(rng, ctx);
  for (let attempt = 0; attempt < 8 && taken.has(name); attempt++) name = template.name(rng, ctx);
  // A crowded name space (a district has one 人民医院): number the branches as registries do.
  const base = name;
  for (let n = 2; taken.has(name); n++) name = `${base}第${n}分部`;
  taken.add(name);
  return name;
}
