"""The writer's preview (`make serve`): findings shown on the page they concern, never in a built site."""
