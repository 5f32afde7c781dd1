// The console's only way to the server: the public Step Functions API (AWS JSON 1.0, POST / with X-Amz-Target).
const ENDPOINT = new URL('/', location.href).href;

export class ApiError extends Error {
  constructor(type, message, status) {
    super(message || type);
    this.type = type;
    this.status = status;
  }
}

export async function call(operation, body = {}) {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'AWSStepFunctions.' + operation,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const type = String(json.__type || 'Error').replace(/^.*#/, '');
    throw new ApiError(type, json.message || json.Message, response.status);
  }
  return json;
}

/** Whether an error means that the API wants signed requests, which a browser page cannot make. */
export function needsCredentials(error) {
  return error instanceof ApiError && /Signature|Credential|AccessDenied|Token|Auth/i.test(error.type)
      && error.status === 403;
}

/** Every page of a list operation, concatenated. */
export async function all(operation, body, key) {
  let items = [];
  let nextToken;
  do {
    const page = await call(operation, { ...body, ...(nextToken ? { nextToken } : {}) });
    items = items.concat(page[key] || []);
    nextToken = page.nextToken;
  } while (nextToken);
  return items;
}
