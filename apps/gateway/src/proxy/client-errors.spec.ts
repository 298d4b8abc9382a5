import { describe, expect, it } from 'vitest';
import { clientErrorFor } from './client-errors.js';

describe('clientErrorFor', () => {
  it("answers what Node would (431, 408, 400) with the gateway's codes", () => {
    expect(clientErrorFor('HPE_HEADER_OVERFLOW')).toMatchObject({ code: 'request_header_too_large', status: 431 });
    expect(clientErrorFor('ERR_HTTP_REQUEST_TIMEOUT')).toMatchObject({ code: 'request_timeout', status: 408 });
    expect(clientErrorFor('HPE_INVALID_METHOD')).toMatchObject({ code: 'bad_request', status: 400 });
    expect(clientErrorFor('HPE_INVALID_METHOD').message).toContain('HPE_INVALID_METHOD');
    expect(clientErrorFor(undefined)).toMatchObject({ code: 'bad_request', status: 400 });
  });
});
