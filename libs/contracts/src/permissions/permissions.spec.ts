import { Permissions, PermissionsByApp, Role } from './index';

describe('permissions (one table per app)', () => {
  it('names each permission in one app only, so the union the console reads is each app’s own', () => {
    const owners = new Map<string, string[]>();
    for (const [app, table] of Object.entries(PermissionsByApp))
      for (const name of Object.keys(table)) owners.set(name, [...(owners.get(name) ?? []), app]);
    expect([...owners].filter(([, apps]) => apps.length > 1)).toEqual([]);
    expect(Object.keys(Permissions).sort()).toEqual([...owners.keys()].sort());
  });

  it('grants only known roles, never the service identity (the guard adds it)', () => {
    for (const roles of Object.values(Permissions)) {
      for (const role of roles) expect(Role.options).toContain(role);
      expect(roles).not.toContain('service');
    }
  });
});
