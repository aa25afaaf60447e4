import { transaction, type Db } from "@/idp/db";
import { addActiveKey } from "@/idp/store/keys";
import { insertRealm, type Realm, type RealmFields } from "@/idp/store/realms";

/** Creates a realm with its first signing key, atomically. Throws `realms_pkey` when the name is taken. */
export async function createRealmWithKey(db: Db, name: string, fields: RealmFields): Promise<Realm> {
  return transaction(db, async (tx) => {
    const realm = await insertRealm(tx, name, fields);
    await addActiveKey(tx, name);
    return realm;
  });
}
