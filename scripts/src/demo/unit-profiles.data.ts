import type { Profile } from './agencies.data.ts';
import { type Mix, templates } from './unit-templates.data.ts';

/** Each agency's mix of employers: a district has every kind, an industry union mostly its own trade. */
export const profiles: Record<Profile, Mix> = {
  district: [
    [templates.dept, 3],
    [templates.street, 3],
    [templates.school, 6],
    [templates.kindergarten, 2],
    [templates.hospital, 1],
    [templates.clinic, 2],
    [templates.publicBody, 2],
    [templates.citySoe, 3],
    [templates.buildSoe, 1],
    [templates.bank, 2],
    [templates.mfg, 16],
    [templates.build, 9],
    [templates.trade, 10],
    [templates.food, 7],
    [templates.it, 4],
    [templates.service, 8],
    [templates.logistics, 4],
    [templates.farm, 3],
    [templates.privateSchool, 2],
    [templates.association, 2],
    [templates.socialWork, 2],
    [templates.jointUnion, 5],
    [templates.riderStation, 1.5],
    [templates.express, 1.5],
    [templates.homeService, 0.5],
  ],
  education: [
    [templates.school, 60],
    [templates.kindergarten, 20],
    [templates.vocational, 10],
    [templates.privateSchool, 10],
  ],
  health: [
    [templates.hospital, 35],
    [templates.clinic, 50],
    [templates.service, 15],
  ],
  transport: [
    [templates.transportSoe, 35],
    [templates.logistics, 40],
    [templates.rideHailing, 10],
    [templates.freight, 15],
  ],
  construction: [
    [templates.buildSoe, 35],
    [templates.build, 65],
  ],
  finance: [
    [templates.bank, 70],
    [templates.insurer, 30],
  ],
  postal: [
    [templates.telecomSoe, 10],
    [templates.express, 45],
    [templates.riderStation, 25],
    [templates.logistics, 20],
  ],
  machinery: [
    [templates.mfgSoe, 35],
    [templates.mfg, 65],
  ],
  energy: [
    [templates.energySoe, 60],
    [templates.mfg, 40],
  ],
  commerce: [
    [templates.trade, 50],
    [templates.food, 30],
    [templates.riderStation, 10],
    [templates.homeService, 10],
  ],
  agriculture: [
    [templates.farmStation, 40],
    [templates.farm, 40],
    [templates.citySoe, 20],
  ],
  defence: [
    [templates.mfgSoe, 50],
    [templates.telecomSoe, 30],
    [templates.it, 20],
  ],
  direct: [
    [templates.dept, 70],
    [templates.publicBody, 30],
  ],
};
