/** The console's validated configuration (ConsoleConfig), provided once by the root module. */
export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
