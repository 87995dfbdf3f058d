def show():
    print(mesage)

show()
