import { AppError } from '../errors.ts';
import { sniffMaterialType } from './file-type.ts';
import { createTencentFaceId } from './identity-tencent.ts';
import type { IdentitySettings } from './identity-settings.ts';
import type { IdentityVerifier } from './identity-types.ts';

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
