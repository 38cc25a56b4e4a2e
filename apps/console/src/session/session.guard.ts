import {
  createParamDecorator,
  HttpException,
  HttpStatus,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SessionService } from './session.service';
import type { OperatorSession } from './session.store';
import { SESSION_COOKIE } from './sign-in';

/** No current session: pages redirect to the sign-in form, streams and posts answer 401 (ConsolePageFilter). */
export class SignInRequired extends HttpException {
  constructor() {
    super('sign in first', HttpStatus.UNAUTHORIZED);
  }
}

type ConsoleRequest = FastifyRequest & { operator?: OperatorSession };

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies?.[SESSION_COOKIE];
}

/** Every console route but sign-in needs a current session of an active operator key. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const session = await this.sessions.resolve(sessionTokenOf(request));
    if (!session) throw new SignInRequired();
    request.operator = session;
    return true;
  }
}

/** The signed-in operator, as the SessionGuard found it. */
export const CurrentOperator = createParamDecorator((_: unknown, context: ExecutionContext): OperatorSession => {
  const operator = context.switchToHttp().getRequest<ConsoleRequest>().operator;
  if (!operator) throw new Error('CurrentOperator used on a route without the SessionGuard');
  return operator;
});
