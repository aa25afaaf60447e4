import type pino from "pino";
import { transaction, type Db } from "@/idp/db";
import { setPassword } from "@/idp/auth/authenticate";
import { verifyPassword } from "@/idp/auth/passwords";
import { ADMIN_CLI_CLIENT, ADMIN_ROLE, MASTER_REALM } from "@/idp/config";
import { findClientByClientId, insertClient, updateClient } from "@/idp/store/clients";
import { passwordHashOf } from "@/idp/store/credentials";
import { addActiveKey } from "@/idp/store/keys";
import { findRealm, insertRealm } from "@/idp/store/realms";
import { addUserRoles, findRoleByName, insertRole } from "@/idp/store/roles";
import { ensureServiceAccountUser, findUserByUsername, insertUser, updateUser } from "@/idp/store/users";

export interface BootstrapAdmin {
  username: string;
  password: string;
}

export interface BootstrapServiceAccount {
  clientId: string;
  secret: string;
}

/**
 * Ensures, on every start, the master realm with its public `admin-cli` client (password grant),
 * its `admin` role, and the bootstrap admin holding it, enabled, with the configured password —
 * and, when configured, the service account: a confidential client with only the
 * client-credentials grant and the configured secret, whose service-account user holds `admin`.
 * Runs under an advisory lock so several processes starting together do it once.
 */
export async function ensureMasterRealm(db: Db, admin: BootstrapAdmin, log: pino.Logger, serviceAccount?: BootstrapServiceAccount): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('gatehouse-idp-bootstrap'))");
    if (!(await findRealm(tx, MASTER_REALM))) {
      await insertRealm(tx, MASTER_REALM, { displayName: "Gatehouse administration" });
      await addActiveKey(tx, MASTER_REALM);
      log.info("created the master realm");
    }

    const cli = await findClientByClientId(tx, MASTER_REALM, ADMIN_CLI_CLIENT);
    const cliFields = { publicClient: true, enabled: true, directAccessGrantsEnabled: true, standardFlowEnabled: false };
    if (!cli) await insertClient(tx, MASTER_REALM, { clientId: ADMIN_CLI_CLIENT, name: "admin-cli", ...cliFields });
    else await updateClient(tx, MASTER_REALM, cli.id, cliFields);

    const role = (await findRoleByName(tx, MASTER_REALM, ADMIN_ROLE)) ?? (await insertRole(tx, MASTER_REALM, { name: ADMIN_ROLE, description: "Administrator of every realm" }));

    let user = await findUserByUsername(tx, MASTER_REALM, admin.username);
    if (!user) {
      user = await insertUser(tx, MASTER_REALM, { username: admin.username.toLowerCase(), enabled: true });
      log.info({ username: user.username }, "created the bootstrap admin");
    } else if (!user.enabled) {
      user = (await updateUser(tx, MASTER_REALM, user.id, { enabled: true })) ?? user;
      log.warn({ username: user.username }, "re-enabled the bootstrap admin");
    }
    const digest = await passwordHashOf(tx, user.id);
    if (!digest || !(await verifyPassword(digest, admin.password)) || user.requiredActions.length) {
      await setPassword(tx, user, admin.password, false);
      if (user.requiredActions.length) await updateUser(tx, MASTER_REALM, user.id, { requiredActions: [] });
      if (digest) log.info({ username: user.username }, "reset the bootstrap admin's password to the configured one");
    }
    await addUserRoles(tx, user.id, [role.id]);

    if (serviceAccount) {
      const fields = {
        publicClient: false,
        enabled: true,
        serviceAccountsEnabled: true,
        standardFlowEnabled: false,
        directAccessGrantsEnabled: false,
        secret: serviceAccount.secret,
      };
      const existing = await findClientByClientId(tx, MASTER_REALM, serviceAccount.clientId);
      const client = existing
        ? ((await updateClient(tx, MASTER_REALM, existing.id, fields)) ?? existing)
        : await insertClient(tx, MASTER_REALM, { clientId: serviceAccount.clientId, name: "Gatehouse administration service account", ...fields });
      if (!existing) log.info({ clientId: client.clientId }, "created the admin service account");
      let account = await ensureServiceAccountUser(tx, MASTER_REALM, client);
      if (!account.enabled) account = (await updateUser(tx, MASTER_REALM, account.id, { enabled: true })) ?? account;
      await addUserRoles(tx, account.id, [role.id]);
    }
  });
}
