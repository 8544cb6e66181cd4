import "server-only";
// Each background part registers itself with onServerReady when imported here.
import "@/lib/channels/background";
import "@/lib/desk/background";
import "@/lib/runtime/start";
