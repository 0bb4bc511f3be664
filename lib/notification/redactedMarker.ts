/**
 * What a masked value (or the masked part of a string: a URL's password, the value after
 * "password=") becomes, exactly; stored, exported and shown (as a "redacted" label) so.
 */
export const REDACTED = "[redacted]";
