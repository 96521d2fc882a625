"""The support contact from `extra.support`: validated phone lines and the `{{ phone.KEY }}` links."""
