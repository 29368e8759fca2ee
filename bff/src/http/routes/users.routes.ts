import { Router } from 'express';
import { apiRoutes, createUserInputSchema } from '@dmc/shared/api';
import type { AuthService } from '../../domain/auth/auth.service';
import { allow } from '../authn';
import { parseInput } from '../validate';

export function userRoutes(auth: AuthService): Router {
  const router = Router();
  router.post(apiRoutes.users, allow('users:write'), async (req, res) => {
    const input = parseInput(createUserInputSchema, req.body, 'user');
    res.status(201).json(await auth.createUser(input));
  });
  return router;
}
