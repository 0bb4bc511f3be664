"""keystone: issues tokens and validates them for the other services.

Both paths look up role names one by one after listing the assignments: the
N+1 pattern (one identical SELECT per role) a DB-traced keystone really shows.
"""

import secrets

import sqlalchemy as sa

from .. import databases as d
from ..http import Router, json_response


def create_app(runtime):
    engine = runtime.engine
    issued = {}  # token -> (user_id, project_id); a fernet token would carry this itself

    def load_roles(connection, user_id, project_id):
        rows = connection.execute(
            sa.select(d.assignment.c.role_id).where(
                d.assignment.c.actor_id == user_id, d.assignment.c.target_id == project_id
            )
        ).fetchall()
        roles = []
        for (role_id,) in rows:
            name = connection.execute(sa.select(d.role.c.name).where(d.role.c.id == role_id)).scalar_one()
            roles.append({"id": role_id, "name": name})
        return roles

    def token_body(connection, user_id, project_id):
        project_name = connection.execute(sa.select(d.project.c.name).where(d.project.c.id == project_id)).scalar_one()
        return {
            "token": {
                "user": {"id": user_id, "domain": {"id": "default"}},
                "project": {"id": project_id, "name": project_name},
                "roles": load_roles(connection, user_id, project_id),
                "methods": ["password"],
            }
        }

    def issue_token(request):
        auth = request.json_body["auth"]
        user_name = auth["identity"]["password"]["user"]["name"]
        given_password = auth["identity"]["password"]["user"]["password"]
        with engine.begin() as connection:
            local = connection.execute(sa.select(d.local_user).where(d.local_user.c.name == user_name)).first()
            if local is None:
                return json_response(401, {"error": {"code": 401, "message": "The request you have made requires authentication."}})
            stored = connection.execute(sa.select(d.password.c.password_hash).where(d.password.c.local_user_id == local.id)).scalar_one()
            if stored != "$2b$04$" + given_password:
                return json_response(401, {"error": {"code": 401, "message": "The request you have made requires authentication."}})
            connection.execute(sa.select(d.user).where(d.user.c.id == local.user_id)).first()
            project_id = connection.execute(sa.select(d.project.c.id).where(d.project.c.name == auth["scope"]["project"]["name"])).scalar_one()
            body = token_body(connection, local.user_id, project_id)
        token = "gAAAAA" + secrets.token_urlsafe(48)
        issued[token] = (local.user_id, project_id)
        return json_response(201, body, {"X-Subject-Token": token})

    def validate_token(request):
        subject = issued.get(request.headers.get("X-Subject-Token", ""))
        if subject is None:
            return json_response(404, {"error": {"code": 404, "message": "Could not find token."}})
        user_id, project_id = subject
        with engine.begin() as connection:
            revoked = connection.execute(
                sa.select(d.revocation_event).where(
                    sa.or_(d.revocation_event.c.user_id == user_id, d.revocation_event.c.project_id == project_id)
                )
            ).fetchall()
            if revoked:
                return json_response(404, {"error": {"code": 404, "message": "Token revoked."}})
            connection.execute(sa.select(d.user).where(d.user.c.id == user_id)).first()
            body = token_body(connection, user_id, project_id)
        return json_response(200, body)

    router = Router()
    router.add("POST", "/v3/auth/tokens", issue_token)
    router.add("GET", "/v3/auth/tokens", validate_token)
    return router
