scores = {'alice': 1}
print(scores['alice'])
print(scores['bob'])
