import "server-only";
import { randomBytes } from "node:crypto";

/** An error the fake Graph endpoint answers in Meta's exact shape. */
export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
    readonly details?: string,
    readonly subcode?: number,
  ) {
    super(message);
    this.name = "GraphError";
  }

  toBody() {
    return {
      error: {
        message: this.message,
        type: "OAuthException",
        code: this.code,
        ...(this.subcode !== undefined ? { error_subcode: this.subcode } : {}),
        ...(this.details !== undefined ? { error_data: { messaging_product: "whatsapp", details: this.details } } : {}),
        fbtrace_id: randomBytes(12).toString("base64url"),
      },
    };
  }
}

/** Error 100 "Invalid parameter" (HTTP 400) with Meta-style details. */
export function invalidParameter(details: string): GraphError {
  return new GraphError(400, 100, "(#100) Invalid parameter", details);
}

export function invalidToken(): GraphError {
  return new GraphError(401, 190, "Invalid OAuth access token - Cannot parse access token");
}

export function unknownPhoneNumber(phoneNumberId: string): GraphError {
  return new GraphError(
    404,
    100,
    `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    undefined,
    33,
  );
}

/** Meta's answer for a media id that never existed, expired, or belongs to another number. */
export function unknownObject(id: string): GraphError {
  return new GraphError(
    400,
    100,
    `Unsupported get request. Object with ID '${id.slice(0, 40)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    undefined,
    33,
  );
}
