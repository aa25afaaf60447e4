import { afterAll, describe, expect, it } from "vitest";
import { controlDb } from "@/lib/db/control";
import { createCustomer, updateCustomer } from "@/lib/customers/service";
import { createCustomerSchema, fieldErrors, validateCreateCustomer } from "@/lib/customers/schema";
import { AppError } from "@/lib/errors/app-error";
import { PROVISIONING_STEPS } from "@/lib/provisioning/steps";
import { businessCustomer, gstinFor, randomPan, TEST_ACTOR, uniqueKey } from "@/tests/support/fixtures";
import { rootTenant } from "@/tests/support/tenants";
import { call, sessionCookie } from "@/tests/support/api";
import * as customersRoute from "@/app/console/api/v1/customers/route";

afterAll(async () => {
  await controlDb().$disconnect();
});

describe("onboarding a customer", () => {
  it("creates a dedicated customer's tenant in `provisioning` with every step pending, and audits both", async () => {
    const input = businessCustomer();
    const { customerId, tenantId } = await createCustomer(input, TEST_ACTOR);
    const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId }, include: { steps: { orderBy: { position: "asc" } } } });
    expect(tenant.customerId).toBe(customerId);
    expect(tenant.key).toBe(input.tenancy === "dedicated" ? input.tenantKey : "");
    expect(tenant.status).toBe("provisioning");
    expect(tenant.steps.map((s) => [s.step, s.status, s.attempts])).toEqual(PROVISIONING_STEPS.map((s) => [s.name, "pending", 0]));
    const events = await controlDb().platformAuditEvent.findMany({ where: { resourceId: { in: [customerId, tenantId] } } });
    expect(events.map((e) => e.action).sort()).toEqual(["customer.created", "tenant.created"]);
    expect(events.every((e) => e.actor === "test" && e.ip === "127.0.0.1")).toBe(true);
  });

  it("attaches a shared customer to the shared cloud tenant without creating a tenant", async () => {
    const before = await controlDb().tenant.count();
    const { customerId, tenantId } = await createCustomer(businessCustomer({ tenancy: "shared" } as never), TEST_ACTOR);
    const cloud = await controlDb().tenant.findFirstOrThrow({ where: { kind: "shared_cloud" } });
    expect(tenantId).toBe(cloud.id);
    expect((await controlDb().customer.findUniqueOrThrow({ where: { id: customerId } })).sharedTenantId).toBe(cloud.id);
    expect(await controlDb().tenant.count()).toBe(before);
  });

  it("refuses a taken tenant key with a conflict on the key field, leaving no orphan customer", async () => {
    const key = uniqueKey();
    await createCustomer(businessCustomer({ tenantKey: key }), TEST_ACTOR);
    const customersBefore = await controlDb().customer.count();
    const second = createCustomer(businessCustomer({ tenantKey: key, legalName: "Second Co" }), TEST_ACTOR);
    await expect(second).rejects.toMatchObject({ code: "conflict", fields: { tenantKey: expect.stringContaining("taken") } });
    expect(await controlDb().customer.count()).toBe(customersBefore);
  });

  it("lets exactly one of two racing onboardings with the same key win", async () => {
    const key = uniqueKey("race");
    const customersBefore = await controlDb().customer.count();
    const results = await Promise.allSettled([
      createCustomer(businessCustomer({ tenantKey: key, legalName: "Racer One" }), TEST_ACTOR),
      createCustomer(businessCustomer({ tenantKey: key, legalName: "Racer Two" }), TEST_ACTOR),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(AppError);
    expect((rejected[0]!.reason as AppError).code).toBe("conflict");
    expect(await controlDb().tenant.count({ where: { key } })).toBe(1);
    expect(await controlDb().customer.count()).toBe(customersBefore + 1);
  });

  it("accepts the onboarding form's defaults (pending verification, shared cloud tenant)", async () => {
    const pan = randomPan();
    const form = {
      kind: "business",
      legalName: "Defaults Co Private Limited",
      displayName: "Defaults Co",
      pan,
      gstin: gstinFor(pan, "29"),
      addressLine1: "14 Residency Road",
      city: "Bengaluru",
      state: "Karnataka",
      postalCode: "560025",
      country: "IN",
      contactName: "Meera Iyer",
      contactEmail: "meera@example.com",
      contactPhone: "+91 98450 12345",
      verificationStatus: "pending",
      paymentStanding: "current",
      verificationReferences: "",
      tenancy: "shared",
    };
    const parsed = validateCreateCustomer(form);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
    const { customerId } = await createCustomer(parsed.data, TEST_ACTOR);
    expect(await controlDb().customer.findUniqueOrThrow({ where: { id: customerId } })).toMatchObject({ tenancy: "shared", verificationStatus: "pending", state: "Karnataka" });
  });

  it("refuses a GSTIN registered in another state than the address, next to the GSTIN", () => {
    const parsed = validateCreateCustomer({ ...businessCustomer(), state: "Kerala", verificationReferences: "" });
    expect(parsed).toMatchObject({ success: false, errors: { gstin: "This GSTIN's state code 27 is Maharashtra, but the address is in Kerala" } });
  });

  it("warns of a second customer with the same PAN or GSTIN (possible_duplicate, naming the first), and onboards it once confirmed", async () => {
    const first = businessCustomer({ displayName: "Original Traders" });
    const { customerId } = await createCustomer(first, TEST_ACTOR);
    const before = await controlDb().customer.count();
    const again = businessCustomer({ pan: first.pan, gstin: undefined });
    await expect(createCustomer(again, TEST_ACTOR)).rejects.toMatchObject({
      code: "possible_duplicate",
      fields: { pan: "Already the PAN of Original Traders." },
      details: { customerId, customerName: "Original Traders", field: "pan" },
    });
    // The GSTIN alone (its PAN is the first customer's too, so a second registration of one business).
    const sameGstin = { ...businessCustomer(), pan: first.pan, gstin: first.gstin };
    await expect(createCustomer(sameGstin, TEST_ACTOR)).rejects.toMatchObject({ code: "possible_duplicate" });
    expect(await controlDb().customer.count()).toBe(before);
    await createCustomer(again, TEST_ACTOR, { confirmDuplicate: true });
    expect(await controlDb().customer.count({ where: { pan: first.pan } })).toBe(2);
  });

  it("answers possible_duplicate (409) on the REST API unless confirmDuplicate is sent", async () => {
    const cookie = await sessionCookie(await rootTenant(), "superadmin", ["superadmin"]);
    const first = businessCustomer();
    await createCustomer(first, TEST_ACTOR);
    const body = { ...businessCustomer(), pan: first.pan, gstin: undefined };
    const post = (extra: object) => call(customersRoute.POST, { host: "console.localhost:3000", path: "/api/v1/customers", method: "POST", cookie, body: { ...body, ...extra } });
    expect(await post({})).toMatchObject({ status: 409, body: { code: "possible_duplicate", fields: { pan: expect.any(String) }, details: { field: "pan" } } });
    expect((await post({ confirmDuplicate: true })).status).toBe(201);
  });

  it("rejects an invalid GSTIN at validation, so nothing reaches the database", async () => {
    const input = { ...businessCustomer(), gstin: "27AAPFU0939F1ZX", verificationReferences: "" };
    const parsed = createCustomerSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!).gstin).toMatch(/check character/i);
  });

  it("updates the onboarding record and keeps before/after in the audit trail", async () => {
    const input = businessCustomer();
    const { customerId } = await createCustomer(input, TEST_ACTOR);
    await updateCustomer(customerId, { ...input, city: "Mumbai", paymentStanding: "overdue", verificationStatus: "rekyc_due" }, TEST_ACTOR);
    const customer = await controlDb().customer.findUniqueOrThrow({ where: { id: customerId } });
    expect([customer.city, customer.paymentStanding, customer.verificationStatus]).toEqual(["Mumbai", "overdue", "rekyc_due"]);
    const event = await controlDb().platformAuditEvent.findFirstOrThrow({ where: { resourceId: customerId, action: "customer.updated" } });
    expect(event.before).toMatchObject({ city: "Pune" });
    expect(event.after).toMatchObject({ city: "Mumbai" });
    // A standing sent with the record goes through the standing service: its own event and history entry.
    const standing = await controlDb().platformAuditEvent.findFirstOrThrow({ where: { resourceId: customerId, action: "customer.payment_standing_changed" } });
    expect([standing.before, standing.after]).toMatchObject([{ paymentStanding: "current" }, { paymentStanding: "overdue" }]);
    const history = await controlDb().customerStandingChange.findMany({ where: { customerId }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.aspect, h.fromStatus, h.toStatus])).toEqual([
      ["verification", null, "completed"],
      ["payment", null, "current"],
      ["verification", "completed", "rekyc_due"],
      ["payment", "current", "overdue"],
    ]);
  });

  it("refuses to edit the root customer", async () => {
    const root = await controlDb().customer.findFirstOrThrow({ where: { isRoot: true } });
    await expect(updateCustomer(root.id, businessCustomer(), TEST_ACTOR)).rejects.toMatchObject({ code: "forbidden" });
  });
});
