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
