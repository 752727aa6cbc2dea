/**
 * Fix for image.not-pinned-by-digest: pins the image by digest, from the digests the user resolved
 * (`--image-digests`); see {@link pinDigestFix}. The pull policy is never changed: with a digest,
 * every policy runs the same image.
 */
import { pinDigestFix } from '../image-digests.js';

export default pinDigestFix('image.not-pinned-by-digest');
