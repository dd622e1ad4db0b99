/**
 * `@org/indeed-apply`: Indeed Apply for ATSs — screening questions, application intake with
 * `X-Indeed-Signature` verification, and the e-mail encryption of `indeed-apply-email`.
 *
 * @packageDocumentation
 */

export { decryptIndeedApplyEmail, encryptIndeedApplyEmail } from "./email-crypto";
export {
  createIndeedSignatureVerifier,
  INDEED_SIGNATURE_HEADER,
  type IndeedSignatureVerifier,
} from "./signature";
