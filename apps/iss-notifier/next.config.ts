import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: the twilio SDK is CommonJS with dynamic requires,
  // and the test kit (demo mode only) starts processes.
  serverExternalPackages: ["twilio", "@rqts/testing"],
};

export default nextConfig;
