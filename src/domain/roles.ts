import { z } from 'zod';

/** Partner-portal roles a Teams user can hold in their tenant. No role means "employee". */
export const ROLES = ['GlobalAdmin', 'UserManagementAdmin', 'AdminAgent', 'MpnPartnerAdmin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
