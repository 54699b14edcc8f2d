import { AppError } from '../errors.ts';
import { sniffMaterialType } from '../services/claim-materials.service.ts';
import { createTencentFaceId } from './identity-tencent.ts';
import type { IdentitySettings } from './identity-settings.ts';

/**
 * Real-name verification (实名认证): name + ID number, then a face step. `start` opens the face step and says where
 * it happens; `finish` answers whether the person passed. The demo verifier's face step is the app's own camera
 * page (any real JPEG/PNG passes); a licensed provider runs its own H5 flow and is asked for the result.
 */
export interface IdentityVerifier {
  readonly provider: 'demo' | 'tencent';
  start(input: {
    verificationId: string;
    name: string;
    idNumber: string;
    /** Where the provider's flow sends the browser back (the H5's result page for this verification). */
    returnUrl: string;
  }): Promise<{ providerRef: string | null; faceUrl: string }>;
  finish(input: {
    providerRef: string | null;
    name: string;
    idNumber: string;
    /** The camera photo (demo verifier); providers with their own flow take none. */
    photoHead: Buffer | null;
  }): Promise<{ passed: boolean; reason?: string }>;
}

export function createDemoVerifier(): IdentityVerifier {
  return {
    provider: 'demo',
    async start({ verificationId }) {
      return { providerRef: null, faceUrl: `/m/#/real-name/${verificationId}/face` };
    },
    async finish({ photoHead }) {
      const type = photoHead ? sniffMaterialType(photoHead) : null;
      if (type !== 'image/jpeg' && type !== 'image/png')
        throw new AppError(
          'FILE_TYPE_NOT_ALLOWED',
          { allowed: ['jpeg', 'png'] },
          '请拍摄照片（只接受 JPEG 或 PNG 图片）',
        );
      return { passed: true };
    },
  };
}

/** The verifier HUZHU_IDENTITY_PROVIDER names (config.ts has already checked its settings). */
export function createIdentityVerifier(settings: IdentitySettings): IdentityVerifier {
  return settings.provider === 'tencent' ? createTencentFaceId(settings) : createDemoVerifier();
}
