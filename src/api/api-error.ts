// ApiError on its own, so code that only needs to recognise one (a probe, a wait, a lookup that turns a
// 404 into "not found") does not load the HTTP layer before the first request.

import { CliError } from '../errors.js';

/** An API answered with a status other than 2xx. */
export class ApiError extends CliError {
  constructor(
    message: string,
    exitCode: number,
    hint: string | undefined,
    readonly status: number,
    readonly serverMessage: string | undefined,
  ) {
    super(message, exitCode, hint);
    this.name = 'ApiError';
  }
}
