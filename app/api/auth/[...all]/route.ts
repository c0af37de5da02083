import { auth } from '@/lib/auth/auth';

export const dynamic = 'force-dynamic';

function handle(request: Request) {
  return auth().handler(request);
}

export { handle as GET, handle as POST };
