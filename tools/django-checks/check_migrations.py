"""Runs Django's autodetector on the generated model histories and compares names and operations with the spec's rule."""
import sys
import json, django
from django.conf import settings
settings.configure(INSTALLED_APPS=[], DATABASES={})
django.setup()
from django.db import models
from django.db.migrations.state import ProjectState, ModelState
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
from django.db.migrations.graph import MigrationGraph

ONE_OFF = {'alpha': 'o', 'beta': 7, 'gamma': False, 'delta': 'o', 'epsilon_with_a_rather_long_name': 1}
class Answering(NonInteractiveMigrationQuestioner):
    def ask_not_null_addition(self, field_name, model_name):
        return ONE_OFF[field_name]

def field(decl):
    kw = {k: v for k, v in decl.items() if k not in ('name', 'type')}
    return getattr(models, decl['type'])(**kw)

def state(fields):
    st = ProjectState()
    st.add_model(ModelState('tapp', 'Note', [('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID'))] + [(d['name'], field(d)) for d in fields], options={'indexes': [], 'constraints': []}))
    return st

hist = json.load(open(sys.argv[1] + '/histories.json'))
bad = 0; steps = 0; migs = 0
for h in hist:
    graph = MigrationGraph(); prev = ProjectState(); prev_node = None
    for step in h:
        steps += 1
        new = state(step['fields'])
        ad = MigrationAutodetector(prev, new, Answering(specified_apps={'tapp'}))
        changes = ad.changes(graph=graph, trim_to_apps={'tapp'}, convert_apps={'tapp'})
        got = None
        if changes.get('tapp'):
            m = changes['tapp'][0]
            got = {'name': m.name, 'ops': [o.describe() + (' [one-off]' if getattr(o, 'preserve_default', True) is False else '') for o in m.operations]}
            node = ('tapp', m.name); graph.add_node(node, m)
            if prev_node: graph.add_dependency(m, node, prev_node)
            prev_node = node; migs += 1
        if got != step['migration']:
            bad += 1
            if bad <= 5: print('MISMATCH', step['fields'], 'django:', got, 'rule:', step['migration'])
        prev = state(step['fields'])
print(f'histories {len(hist)}, steps {steps}, migrations {migs}, mismatches {bad}')
