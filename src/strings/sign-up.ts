/**
 * The texts of sign-up, in every language the element speaks. They travel in the sign-up chunk, so only pages
 * with the `sign-up` attribute load them; a page's `strings` overrides replace them like any other text.
 */

/** English, the reference. */
const en = {
  createAccount: 'Create an account',
  haveAccount: 'I already have an account',
  email: 'Email',
  signUp: 'Create account',
  name: 'Name',
  given_name: 'First name',
  family_name: 'Last name',
  nickname: 'Nickname',
  InvalidEmail: 'Enter a valid email address.',
  SignUpNotAllowed: 'New accounts cannot be created here. Sign in with an existing account.',
};

/** A key of the sign-up texts. */
export type SignUpKey = keyof typeof en;

/** The sign-up texts by primary language subtag. */
export const signUpTexts: Readonly<Record<string, Readonly<Record<SignUpKey, string>>>> = {
  en,
  de: {
    createAccount: 'Konto erstellen',
    haveAccount: 'Ich habe bereits ein Konto',
    email: 'E-Mail',
    signUp: 'Konto erstellen',
    name: 'Name',
    given_name: 'Vorname',
    family_name: 'Nachname',
    nickname: 'Spitzname',
    InvalidEmail: 'Geben Sie eine gültige E-Mail-Adresse ein.',
    SignUpNotAllowed: 'Hier können keine neuen Konten erstellt werden. Melden Sie sich mit einem bestehenden Konto an.',
  },
  fr: {
    createAccount: 'Créer un compte',
    haveAccount: "J'ai déjà un compte",
    email: 'E-mail',
    signUp: 'Créer le compte',
    name: 'Nom',
    given_name: 'Prénom',
    family_name: 'Nom de famille',
    nickname: 'Pseudo',
    InvalidEmail: 'Saisissez une adresse e-mail valide.',
    SignUpNotAllowed: 'Impossible de créer un compte ici. Connectez-vous avec un compte existant.',
  },
  es: {
    createAccount: 'Crear una cuenta',
    haveAccount: 'Ya tengo una cuenta',
    email: 'Correo electrónico',
    signUp: 'Crear cuenta',
    name: 'Nombre',
    given_name: 'Nombre de pila',
    family_name: 'Apellidos',
    nickname: 'Apodo',
    InvalidEmail: 'Introduzca una dirección de correo electrónico válida.',
    SignUpNotAllowed: 'Aquí no se pueden crear cuentas nuevas. Inicie sesión con una cuenta existente.',
  },
};
