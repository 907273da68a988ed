/**
 * The English texts of sign-in links. They travel in the link chunk, which adds them to the built-in English
 * table when it loads, so pages that never open a link do not carry them; the other languages' tables hold
 * their translations like any other text.
 */
export const enLink = {
  LinkExpired: 'This sign-in link has expired. Enter your email to get a new one.',
  LinkRejected:
    'This sign-in link no longer works: it was used or replaced by a newer email. Enter your email to get a new one.',
};

/** A key of the sign-in link's texts. */
export type LinkTextKey = keyof typeof enLink;
