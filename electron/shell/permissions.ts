import type { Session } from 'electron';

/**
 * The console needs no browser permission (camera, notifications, clipboard read, geolocation,
 * HID, …). Both handlers are needed: the request handler answers prompts, the check handler
 * answers synchronous `navigator.permissions`-style queries.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
