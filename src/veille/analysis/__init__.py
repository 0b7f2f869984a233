"""Analysis over a veille database: dyad timelines and plots, most active actors,
quotes by entity, text search, event evidence."""
from .actors import actor_quotes, top_actors
from .dyads import dyad_events, dyad_timeline, dyad_timeline_json
from .evidence import event_detail
from .plot import plot_dyad
from .search import search

__all__ = ["actor_quotes", "dyad_events", "dyad_timeline", "dyad_timeline_json", "event_detail", "plot_dyad",
           "search", "top_actors"]
