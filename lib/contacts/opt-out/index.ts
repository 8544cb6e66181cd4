export { assertMayReceiveMarketing, isOptedOut, optIn, optOut, optOutStatus, OPTED_OUT_REASON, type OptSource, type OptChange, type OptOutStatus } from "./store";
